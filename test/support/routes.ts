import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { type INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '../../apps/api/src/common/decorators/auth.decorators.js';

export interface RouteInfo {
  /** `METHOD /path/:param` as Nest registers it (without the /api prefix). */
  route: string;
  permission: string | undefined;
  /** Declared `@Public()` (no sign-in). */
  isPublic: boolean;
}

/** Every route of the running application with the permission it declares and whether it is public, read from Nest's metadata (the route audit and the role matrix both read it). */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        out.push({
          route: `${method} /${[base, path].filter((p) => p && p !== '/').join('/')}`,
          permission: Reflect.getMetadata(REQUIRED_PERMISSION, handler) ?? Reflect.getMetadata(REQUIRED_PERMISSION, type),
          isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type)),
        });
      }
    }
  }
  return out;
}
