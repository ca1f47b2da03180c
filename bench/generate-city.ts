import type { Deps } from '../server/context.js';
import { insertNode } from '../server/modules/grid/grid.repository.js';

const SUBJECTS = ['party', 'governance', 'civil', 'petition', 'urban'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * A synthetic city with valid codes: 5 districts × 10 streets × 10 communities × 4 grids × 4 micro-grids
 * = 1 + 5 + 50 + 500 + 2,000 + 8,000 = 10,556 nodes.
 */
export async function generateCity(
  deps: Deps,
  shape = { districts: 5, streets: 10, communities: 10, grids: 4, micro: 4 },
) {
  const at = new Date().toISOString();
  let count = 0;
  let cityId = 0;
  await deps.db.transaction().execute(async (tx) => {
    const add = async (
      parentId: number | null,
      parentPath: string | null,
      level: string,
      code: string,
      name: string,
    ) => {
      const id = await insertNode(
        tx,
        {
          parentId,
          level,
          code,
          name,
          subjects: SUBJECTS,
          partyOrgType: null,
          partyOrgName: null,
          partySecretary: null,
          boundary: null,
          at,
        },
        parentPath,
      );
      count++;
      return { id, path: `${parentPath ?? '/'}${id}/` };
    };
    const city = await add(null, null, 'city', '140300', '阳泉市');
    cityId = city.id;
    for (let d = 1; d <= shape.districts; d++) {
      const dCode = `1403${pad(d, 2)}`;
      const dn = await add(city.id, city.path, 'district', dCode, `第${d}区`);
      for (let s = 1; s <= shape.streets; s++) {
        const sCode = `${dCode}${pad(s, 3)}`;
        const sn = await add(dn.id, dn.path, 'street', sCode, `${d}区第${s}街道`);
        for (let c = 1; c <= shape.communities; c++) {
          const cCode = `${sCode}${pad(c, 3)}`;
          const cn = await add(sn.id, sn.path, 'community', cCode, `${d}-${s}-${c}社区`);
          for (let g = 1; g <= shape.grids; g++) {
            const gCode = `${cCode}${pad(g, 3)}`;
            const gn = await add(cn.id, cn.path, 'grid', gCode, `${d}-${s}-${c}社区第${g}网格`);
            for (let m = 1; m <= shape.micro; m++) {
              await add(gn.id, gn.path, 'microgrid', `${gCode}${pad(m, 3)}`, `${d}-${s}-${c}-${g}微网格${m}`);
            }
          }
        }
      }
    }
  });
  return { count, cityId };
}
