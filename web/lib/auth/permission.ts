// The one place the web names where permissions are defined, so a move on the worker
// side changes this line only.
export type { Permission } from '../../../worker/core/access/permissions';
