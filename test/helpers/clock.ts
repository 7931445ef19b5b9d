/**
 * Fakes only the clock (`Date.now`, `new Date()`): the triggers read the time from it, while real
 * timers keep the simulator's sockets and n8n's retries working. Set it with `jest.setSystemTime`.
 */
export function fakeDateOnly(): void {
	jest.useFakeTimers({
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
}
