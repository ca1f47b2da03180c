/** The 一张网 mark: a gold net on party red. */
export function BrandMark({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <g fill="none" stroke="#f6c36b" strokeWidth="1.8" strokeLinecap="round">
        <path d="M4 8h16M4 12h16M4 16h16M8 4v16M12 4v16M16 4v16" />
      </g>
      <circle cx="12" cy="12" r="2.2" fill="#fff" />
    </svg>
  );
}
