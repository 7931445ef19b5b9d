export interface SoakSize {
	full: boolean;
	seed: number;
	polls: number;
	days: number;
}

export function soakSize(): SoakSize;
export function writeReport(report: unknown): void;
