export interface CliSimulator {
	url: string;
	/** Everything the simulator printed on start-up. */
	banner: string;
	/** Stops the process (SIGTERM) and waits for it to exit. */
	stop(): Promise<void>;
}

export function startCli(args: string[]): Promise<CliSimulator>;

export function tempFile(name: string, text: string): string;
