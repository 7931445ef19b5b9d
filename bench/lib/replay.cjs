'use strict';
// Serves recorded response bytes on loopback, so every measured run reads exactly the same bytes
// and none of the simulator's time to generate them is counted.
const http = require('node:http');

/** `bodies`: path → Buffer. Any method; the request body is read and ignored. */
async function startReplay(bodies) {
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const path = req.url.split('?')[0];
			const body = bodies[path];
			if (!body) {
				res.writeHead(404, { 'content-type': 'text/plain' });
				res.end('not recorded');
				return;
			}
			res.writeHead(200, {
				'content-type': 'application/json',
				'content-length': String(body.length),
			});
			res.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startReplay };
