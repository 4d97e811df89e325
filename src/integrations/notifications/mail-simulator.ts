import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as it arrived (RFC 5322, MIME-encoded). */
  raw: Buffer;
}

/**
 * A mail relay, locally: SMTP with its own login (AUTH PLAIN/LOGIN, no TLS on the loopback), messages up
 * to 1 MiB, kept as received. It can be stopped and started again on the same port (an outage).
 */
export class MailSimulator {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private port: number;

  constructor(
    private readonly credentials: { user: string; password: string } = {
      user: 'motcua',
      password: 'mail-demo',
    },
    port = 0,
  ) {
    this.port = port;
  }

  get address(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: false,
      allowInsecureAuth: true,
      size: 1_048_576,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.credentials.user && auth.password === this.credentials.password)
          callback(null, { user: auth.username });
        else callback(new Error('Sai tên đăng nhập hoặc mật khẩu'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
