import type { VariantEdit } from './server.cjs';

/**
 * Applies one edit to a JSON value, in place where it can: the new value (another one where the
 * edit replaces the whole of it) and how many places the edit changed.
 */
export declare function applyEdit(
	root: unknown,
	edit: VariantEdit,
): { root: unknown; matched: number };
