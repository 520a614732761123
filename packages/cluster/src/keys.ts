import type { AnswerKey } from '@coach/chat';

/** Names of one deployment's keys and channels in Redis, all under its prefix. */
export class ClusterKeys {
  constructor(private readonly prefix: string) {}

  /** the stream of one answer's events */
  answer({ userId, requestId }: AnswerKey): string {
    return `${this.prefix}answer:${userId}:${requestId}`;
  }

  /** present while a client follows the answer through an instance that does not give it */
  listening(key: AnswerKey): string {
    return `${this.answer(key)}:listening`;
  }

  /** present while the instance with this id runs */
  instance(id: string): string {
    return `${this.prefix}instance:${id}`;
  }

  /** stop requests, for the instance that gives the answer */
  get stopChannel(): string {
    return `${this.prefix}stop`;
  }

  /** athletes whose data changed, for every instance's caches */
  get athleteChangedChannel(): string {
    return `${this.prefix}athlete-changed`;
  }

  /** sessions signed out, for every instance to close their WebSockets */
  get signedOutChannel(): string {
    return `${this.prefix}signed-out`;
  }
}
