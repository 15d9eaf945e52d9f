// Pause, resume and abort, for callers whose role allows them (the buttons of other roles are not
// rendered at all). The API decides: its userErrors (INVALID_STATE after a race, WHM's refusals) show
// inline under the buttons; the new state arrives through the session's subscription.
import { AuthenticationRequired, type Execute } from './api.js';
import { describeError, h, replaceChildren } from './dom.js';
import type { DashboardSteeringResultFragment, Role, TransferSessionState } from './gql/graphql.js';
import { AbortSession, PauseSession, ResumeSession } from './operations.js';
import type { SessionKey } from './session-list.js';

interface Command {
  label: string;
  /** The least role the API requires (@requiresRole in the schema). */
  role: Role;
  /** States the API accepts the command in; the button is disabled in the others. */
  states: readonly TransferSessionState[];
  send(execute: Execute, key: SessionKey): Promise<DashboardSteeringResultFragment | undefined>;
}

const COMMANDS: Command[] = [
  {
    label: 'Pause',
    role: 'OPERATOR',
    states: ['RUNNING'],
    send: async (execute, key) => (await execute(PauseSession, key)).data?.pauseTransferSession,
  },
  {
    label: 'Resume',
    role: 'OPERATOR',
    states: ['PAUSED'],
    send: async (execute, key) => (await execute(ResumeSession, key)).data?.resumeTransferSession,
  },
  {
    label: 'Abort',
    role: 'ADMIN',
    states: ['PENDING', 'RUNNING', 'PAUSING', 'PAUSED'],
    send: async (execute, key) => (await execute(AbortSession, key)).data?.abortTransferSession,
  },
];

const RANK: Record<Role, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

export class SteeringControls {
  readonly element: HTMLDivElement;
  private readonly buttons = new Map<Command, HTMLButtonElement>();
  private readonly errors = h('ul', { class: 'user-errors', role: 'alert', 'aria-label': 'Refused' });
  private busy = false;
  private state: TransferSessionState | null = null;

  constructor(
    private readonly key: SessionKey,
    role: Role,
    private readonly execute: Execute,
    private readonly callbacks: {
      stateChanged(state: TransferSessionState | null, stateName: string | null): void;
      unauthorized(message: string): void;
    },
  ) {
    const allowed = COMMANDS.filter((command) => RANK[role] >= RANK[command.role]);
    for (const command of allowed) {
      const button = h('button', { type: 'button', disabled: true }, command.label);
      button.addEventListener('click', () => void this.run(command));
      this.buttons.set(command, button);
    }
    this.element = h(
      'div',
      { class: 'steering', hidden: allowed.length === 0 },
      h('div', { class: 'buttons' }, ...this.buttons.values()),
      this.errors,
    );
  }

  /** The session's state as last pushed: enables the buttons that apply. */
  update(state: TransferSessionState | null): void {
    this.state = state;
    for (const [command, button] of this.buttons)
      button.disabled = this.busy || state === null || !command.states.includes(state);
  }

  private async run(command: Command): Promise<void> {
    this.busy = true;
    this.update(this.state);
    replaceChildren(this.errors);
    try {
      const result = await command.send(this.execute, this.key);
      if (!result) return;
      replaceChildren(
        this.errors,
        ...result.userErrors.map((error) => h('li', {}, `${error.message} (${error.code})`)),
        ...result.warnings.map((warning) => h('li', { class: 'warning' }, warning)),
      );
      if (result.session) this.callbacks.stateChanged(result.session.state, result.session.stateName);
    } catch (error) {
      if (error instanceof AuthenticationRequired) this.callbacks.unauthorized(error.message);
      else replaceChildren(this.errors, h('li', {}, describeError(error)));
    } finally {
      this.busy = false;
      this.update(this.state);
    }
  }
}
