export function readRepoFile(relativePath: string): string;

export interface ResolvedReference {
	/** The target relative to the repository root (`..` segments when it leaves it). */
	target: string;
	insideRepo: boolean;
	exists: boolean;
}

export function resolveReference(fromFile: string, reference: string): ResolvedReference;
