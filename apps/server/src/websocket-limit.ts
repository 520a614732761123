import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from './logger';

/** Caps the open WebSockets per client address, so that one client cannot hold them all. */
export class WebSocketLimit {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly maxPerAddress: number,
    private readonly addressOf: (request: IncomingMessage) => string,
    private readonly logger: Logger,
  ) {}

  /** Takes a place for this upgrade, given back when its connection closes; false when full. */
  admit(request: IncomingMessage, socket: Duplex): boolean {
    const address = this.addressOf(request);
    const count = this.open.get(address) ?? 0;
    if (count >= this.maxPerAddress) {
      this.logger.warn({ address, open: count }, 'too many WebSockets from one address; refused');
      return false;
    }
    this.open.set(address, count + 1);
    socket.once('close', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
    return true;
  }
}
