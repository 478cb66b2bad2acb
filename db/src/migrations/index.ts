import type { QueryInterface } from 'sequelize';
import * as m0001 from './0001-create-tables';

export interface Migration {
  name: string;
  up(qi: QueryInterface): Promise<void>;
  down(qi: QueryInterface): Promise<void>;
}

/** Every migration, in order. A new one is a new file, added at the end. */
export const MIGRATIONS: readonly Migration[] = [
  { name: m0001.name0001, up: m0001.up, down: m0001.down },
];
