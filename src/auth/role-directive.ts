// Enforces @requiresRole on fields: the check runs before the resolver, so a caller without the role
// gets FORBIDDEN and WHM sees nothing.
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context.js';
import { hasRole, isRole, type Role } from './identity.js';

export function applyRoleDirective(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName) => {
      const directive = getDirective(schema, field, 'requiresRole')?.[0];
      if (!directive) return field;
      const required = String(directive.role).toLowerCase();
      if (!isRole(required)) throw new Error(`@requiresRole on ${fieldName}: unknown role ${String(directive.role)}`);
      const role: Role = required;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve(source, args, context: GatewayContext, info) {
          if (!hasRole(context.identity, role)) {
            throw new GraphQLError(`${fieldName} needs the ${role} role; ${context.identity.id} has ${context.identity.role}.`, {
              extensions: { code: 'FORBIDDEN', requiredRole: role },
            });
          }
          return resolve(source, args, context, info);
        },
      };
    },
  });
}
