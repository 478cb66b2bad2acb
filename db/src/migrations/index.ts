import type { QueryInterface } from 'sequelize';
import * as m0001 from './0001-create-tables';
import * as m0002 from './0002-fetch-run-sources';
import * as m0003 from './0003-laureate-details';
import * as m0004 from './0004-laureate-directory';
import * as m0005 from './0005-laureate-directory-names-version';

export interface Migration {
  name: string;
  up(qi: QueryInterface): Promise<void>;
  down(qi: QueryInterface): Promise<void>;
}

/** Every migration, in order. A new one is a new file, added at the end. */
export const MIGRATIONS: readonly Migration[] = [
  { name: m0001.name0001, up: m0001.up, down: m0001.down },
  { name: m0002.name0002, up: m0002.up, down: m0002.down },
  { name: m0003.name0003, up: m0003.up, down: m0003.down },
  { name: m0004.name0004, up: m0004.up, down: m0004.down },
  { name: m0005.name0005, up: m0005.up, down: m0005.down },
];
