// A real git smart-HTTP server for tests: node:http in front of `git http-backend` (CGI), with
// Basic authentication whose accepted password a test can change (a rotated or revoked token),
// a switch that makes it accept requests and never answer (a hung host), and a delay (a slow one).
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class GitHttpServer {
  /** The password the server accepts now; anything else is answered 401. */
  password: string;
  /** Requests answered 401, for assertions. */
  refused = 0;
  /** While true, requests are accepted and never answered (a hung host). */
  hang = false;
  /** Every request waits this long before it is served (a slow host). */
  delayMs = 0;
  /** Requests received, answered or not. */
  requests = 0;

  private constructor(
    private readonly server: Server,
    readonly user: string,
    password: string,
  ) {
    this.password = password;
  }

  /** Serves every repository under `projectRoot` as http://127.0.0.1:<port>/<name>. */
  static async start(projectRoot: string, user: string, password: string, port = 0): Promise<GitHttpServer> {
    const server = createServer();
    const self = new GitHttpServer(server, user, password);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => self.handle(projectRoot, req, res));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return self;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** URL of a repository with the given credentials in it. */
  url(repo: string, password = this.password): string {
    return `http://${this.user}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${repo}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(projectRoot: string, req: IncomingMessage, res: ServerResponse): void {
    this.requests += 1;
    if (this.hang) return;
    // The body waits, unread, in the request stream until serve() pipes it to git.
    if (this.delayMs > 0) {
      setTimeout(() => this.serve(projectRoot, req, res), this.delayMs);
      return;
    }
    this.serve(projectRoot, req, res);
  }

  private serve(projectRoot: string, req: IncomingMessage, res: ServerResponse): void {
    const expected = 'Basic ' + Buffer.from(`${this.user}:${this.password}`).toString('base64');
    if (req.headers.authorization !== expected) {
      this.refused += 1;
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      req.resume();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '',
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: this.user,
        REMOTE_ADDR: '127.0.0.1',
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
          : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => {
      if (!headersDone) res.writeHead(500);
      res.end();
    });
  }
}
