// Loads WHM's verdict on usernames for the SystemUser fields of Query and RemoteAccount.
import type { GatewayContext } from '../context.js';
import type { SystemUserModel } from './models.js';

/** One `validate_system_user` read; the name's readers in one tier share one WHM batch. */
export async function loadSystemUser(context: GatewayContext, server: string, username: string): Promise<SystemUserModel> {
  const flags = await context.whm.readData(server, 'validate_system_user', { user: username });
  return { server, username, flags };
}
