export interface HostileAnswer {
	status?: number;
	headers?: Record<string, string>;
	body?: string;
}

export interface HostileServer {
	url: string;
	respond(answer: HostileAnswer): void;
	requests(): Array<{ method: string; url: string }>;
	clear(): void;
	close(): Promise<void>;
}

export declare function startHostileServer(): Promise<HostileServer>;
