'use strict';
// A loopback server that answers every request with whatever the test set last: a status, headers
// and a raw body (empty bodies, wrong content types, XML), for the hostile answers the simulator's
// fault kinds do not produce. Plain JavaScript like test/helpers/n8nHttp.cjs, because the tests'
// TypeScript may not import node:http.
const http = require('node:http');

async function startHostileServer() {
	let next = { status: 200, headers: {}, body: '' };
	const requests = [];
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			requests.push({ method: req.method, url: req.url });
			const body = Buffer.from(next.body, 'utf8');
			res.writeHead(next.status, { ...next.headers, 'content-length': String(body.length) });
			res.end(body);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		respond(answer) {
			next = {
				status: answer.status ?? 200,
				headers: answer.headers ?? {},
				body: answer.body ?? '',
			};
		},
		requests: () => [...requests],
		clear: () => {
			requests.length = 0;
		},
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startHostileServer };
