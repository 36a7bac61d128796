import { parseArgs } from 'node:util';
import type { Role } from '../db/community-schema.js';
import { withCliApp } from './cli-context.js';
import { type Command, UsageError } from './command.js';

const ROLES: readonly Role[] = ['member', 'curator', 'admin'];

export const usersCommand: Command = {
  name: 'users',
  help: `Usage: paperboy users [list] [--json]
       paperboy users add EMAIL [--role member|curator|admin]
       paperboy users --role HANDLE|EMAIL member|curator|admin
       paperboy users --ban HANDLE [--reason TEXT] | --unban HANDLE
       paperboy users --clear-password HANDLE|EMAIL

Lists accounts, creates one (the first admin, say), changes a role, or bans and unbans. Accounts are
otherwise created by signing in with an emailed link. Every change goes to the moderation log,
attributed to the operator. A ban ends the user's sessions; their API tokens stop working while banned.
Clearing a password (a hijacked account, say) leaves sign-in by emailed link only, ends every session
of the account and emails its address; its owner can set a new password after signing in by link.

Options:
  --role ...      with add: the new account's role (default member); alone: HANDLE|EMAIL ROLE
  --ban HANDLE    ban a user (they can no longer sign in, vote, comment or submit)
  --unban HANDLE  lift a ban
  --clear-password HANDLE|EMAIL
                  remove the account's password and end its sessions
  --reason TEXT   why, kept in the moderation log
  --json          print JSON
  -h, --help      show this help

Examples:
  paperboy users add ada@example.org --role admin
  paperboy users --role ada curator
  paperboy users --ban spammer --reason "link spam"
  paperboy users --clear-password ada`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        role: { type: 'string' },
        ban: { type: 'string' },
        unban: { type: 'string' },
        'clear-password': { type: 'string' },
        reason: { type: 'string' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    const role = (value: string | undefined): Role => {
      if (!value || !(ROLES as readonly string[]).includes(value))
        throw new UsageError(`the role must be one of ${ROLES.join(', ')}`);
      return value as Role;
    };
    return withCliApp(async (ctx) => {
      const { accounts, auth, moderation } = ctx.services;
      const clear = values['clear-password'];
      if (clear !== undefined) {
        const r = await auth.clearPassword(clear);
        const what = r.hadPassword ? 'cleared the password of' : 'no password to clear for';
        console.log(`${what} @${r.handle}; ${r.sessions} session${r.sessions === 1 ? '' : 's'} ended`);
        return 0;
      }
      if (values.ban !== undefined || values.unban !== undefined) {
        const handle = values.ban ?? values.unban ?? '';
        await moderation.ban(null, handle, values.reason ?? '', values.ban !== undefined);
        console.log(`${values.ban !== undefined ? 'banned' : 'unbanned'} @${handle.toLowerCase()}`);
        return 0;
      }
      const [verb, target] = positionals;
      if (verb === 'add') {
        if (!target) throw new UsageError('give the EMAIL of the account to add');
        const r = await accounts.addUser(target, values.role ? role(values.role) : 'member');
        if (values.json) console.log(JSON.stringify(r.user, null, 2));
        else
          console.log(
            `${r.created ? 'created' : 'updated'} @${r.user.handle} <${r.user.email}> as ${r.user.role}`,
          );
        return 0;
      }
      if (values.role !== undefined && verb !== undefined && verb !== 'list') {
        // `--role HANDLE ROLE`: parseArgs took HANDLE as the option's value.
        const newRole = role(verb);
        await moderation.setRole(values.role, newRole);
        console.log(`${values.role} is now ${newRole}`);
        return 0;
      }
      if (verb !== undefined && verb !== 'list') throw new UsageError(`unknown users action "${verb}"`);
      const users = await accounts.listUsers();
      if (values.json) console.log(JSON.stringify(users, null, 2));
      else if (users.length === 0) console.log('no accounts yet: paperboy users add EMAIL --role admin');
      else
        for (const u of users)
          console.log(
            `${`@${u.handle}`.padEnd(24)} ${u.role.padEnd(8)} ${u.email}${u.bannedAt ? `  (banned ${u.bannedAt.slice(0, 10)})` : ''}`,
          );
      return 0;
    });
  },
};
