/** Injectable time source so idle timeouts and lockouts can be tested without waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock the tests move by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-11-02T01:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now() {
    return new Date(this.t);
  }
  advanceMinutes(m: number) {
    this.t += m * 60_000;
  }
}
