/** Every production source file (repo-relative) with the repo files it imports. */
export function importGraph(): Record<string, string[]>;
