/** `target.push(...items)` passes every item as an argument and overflows the stack past ~100k. */
export function append<T>(target: T[], items: readonly T[]): T[] {
	for (const item of items) target.push(item);
	return target;
}
