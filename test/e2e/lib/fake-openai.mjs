// A scripted stand-in for an OpenAI-compatible chat model on loopback, so the AI Agent example
// runs for real (n8n's agent, the tool variants n8n builds from our nodes, the $fromAI
// parameters) without a model provider. First turn: call every offered tool once with the
// arguments of `toolArguments`; next turn: answer with a summary of what the tools returned.
import http from 'node:http';

function completion(model, message, finishReason) {
	return {
		id: `chatcmpl-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

function streamChunks(model, message, finishReason) {
	const base = {
		id: `chatcmpl-${Date.now()}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model,
	};
	const delta = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls) {
		delta.tool_calls = message.tool_calls.map((c, index) => ({ index, ...c }));
	}
	return [
		{ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }] },
		{ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } },
	];
}

/**
 * @param {{ toolArguments: (toolName: string, schema: object) => object }} opts
 * @returns {Promise<{ url: string, requests: object[], close(): Promise<void> }>}
 */
export async function startFakeOpenAi({ toolArguments }) {
	const requests = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (d) => (raw += d));
		req.on('end', () => {
			let body = {};
			try {
				body = raw ? JSON.parse(raw) : {};
			} catch {
				/* keep empty */
			}
			requests.push({ method: req.method, url: req.url, body });
			if (req.method === 'GET' && req.url.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						object: 'list',
						data: [{ id: 'gpt-4.1-mini', object: 'model', owned_by: 'e2e' }],
					}),
				);
				return;
			}
			if (!req.url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						error: { message: `fake model serves /chat/completions only, not ${req.url}` },
					}),
				);
				return;
			}
			const model = body.model ?? 'gpt-4.1-mini';
			const messages = body.messages ?? [];
			const toolResults = messages.filter((m) => m.role === 'tool');
			let message;
			let finish;
			if (toolResults.length === 0 && (body.tools ?? []).length > 0) {
				message = {
					role: 'assistant',
					content: null,
					tool_calls: body.tools.map((t, i) => ({
						id: `call_${i + 1}`,
						type: 'function',
						function: {
							name: t.function.name,
							arguments: JSON.stringify(
								toolArguments(t.function.name, t.function.parameters ?? {}),
							),
						},
					})),
				};
				finish = 'tool_calls';
			} else {
				const summary = toolResults
					.map((m) => {
						const text = typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
						const buckets = (text.match(/bucketKey/g) ?? []).length;
						return `${m.tool_call_id}: ${buckets} buckets`;
					})
					.join('; ');
				message = { role: 'assistant', content: `Footfall summary from the tools (${summary}).` };
				finish = 'stop';
			}
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				for (const chunk of streamChunks(model, message, finish))
					res.write(`data: ${JSON.stringify(chunk)}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(completion(model, message, finish)));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}
