import { Inject, Injectable, type OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type DashboardRoute, dashboardRoutes, type RouteRoles } from '../../contracts/access.contract.js';
import type { Role } from '../../contracts/auth.contract.js';
import { ACCESS_PUBLIC, ACCESS_ROLES, anyRole } from './access.decorator.js';

/** The global prefix app.ts sets; every controller route lives under it. */
const apiPrefix = 'api';

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/')}`;

/**
 * Who may use each route, read once at start from the same metadata the AuthGuard checks (@Public,
 * @Roles on the handler, else on its controller), so that /api/auth/me can tell the dashboard which
 * pages and actions to offer without the dashboard keeping a copy of the route × role table.
 */
@Injectable()
export class RouteRolesService implements OnApplicationBootstrap {
  #dashboard: RouteRoles | null = null;

  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const roles = new Map<string, Role[]>();
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller || typeof controller !== 'function') {
        continue;
      }
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      for (const name of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') {
          continue;
        }
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) {
          continue;
        }
        const targets = [handler, controller];
        const allowed = this.reflector.getAllAndOverride<boolean>(ACCESS_PUBLIC, targets)
          ? [...anyRole]
          : (this.reflector.getAllAndOverride<Role[] | undefined>(ACCESS_ROLES, targets) ?? []);
        for (const b of [base ?? ''].flat()) {
          for (const p of [path].flat()) {
            roles.set(`${RequestMethod[method]} ${joinPath(apiPrefix, b, p)}`, [...allowed]);
          }
        }
      }
    }
    const missing = dashboardRoutes.filter((route) => !roles.has(route));
    if (missing.length > 0) {
      // A renamed route would otherwise hide a page from everyone without a word.
      throw new Error(`access.contract.ts names routes the server does not have: ${missing.join(', ')}`);
    }
    this.#dashboard = Object.fromEntries(
      dashboardRoutes.map((route) => [route, roles.get(route) ?? []]),
    ) as RouteRoles;
  }

  /** Who may use each route of the dashboard's list. */
  dashboardRouteRoles(): RouteRoles {
    if (!this.#dashboard) {
      throw new Error('RouteRolesService is read at application bootstrap; it is not ready yet');
    }
    return Object.fromEntries(
      Object.entries(this.#dashboard).map(([route, roles]) => [route as DashboardRoute, [...roles]]),
    ) as RouteRoles;
  }
}
