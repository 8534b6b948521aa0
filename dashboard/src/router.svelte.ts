import type { Component } from 'svelte';
import type { DashboardRoute } from '../../server/src/contracts/access.contract.js';

/** A page of the dashboard at one path. */
export interface Route {
  readonly path: string;
  /** The name in the navigation. */
  readonly label: string;
  readonly component: Component;
  /** false for a page reached only by a link (a print page); listed in the navigation otherwise. */
  readonly inNavigation?: boolean;
  /**
   * The API route the page cannot work without (its first request): the page is listed, and opens,
   * only for users whose roles the server takes on that route (Me.routeRoles).
   */
  readonly needs: DashboardRoute;
}

/**
 * A small path router: pages live at real paths (the server answers index.html for them), links are
 * followed with pushState, and back/forward re-render. Query strings belong to the pages, which read
 * them when they open: every navigation to another address (another case's `/case?id=`, a link back
 * to a page without its filters) and every back/forward opens the page afresh, while the filters a
 * page writes itself with replaceState are no navigation.
 */
export class Router {
  path: string = $state(window.location.pathname);
  /** Counts navigations; the app re-creates the page when it changes. */
  visit: number = $state(0);
  readonly routes: readonly Route[];

  constructor(routes: readonly Route[]) {
    this.routes = routes;
  }

  /** The route for the current path, or null when no page lives there. */
  readonly current = $derived.by(
    () => this.routes.find((route) => route.path === normalize(this.path)) ?? null,
  );

  /** Starts following back/forward; returns the function that stops it. */
  listen(): () => void {
    const onPopState = () => {
      this.path = window.location.pathname;
      this.visit += 1;
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }

  /** Follows an in-app link without reloading, unless the user asked for a new tab or window. */
  follow(event: MouseEvent, href: string): void {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    this.navigate(href);
  }

  /** Goes to an in-app address (a path with an optional query string), adding a history entry. */
  navigate(href: string): void {
    const url = new URL(href, window.location.href);
    if (`${url.pathname}${url.search}` === `${window.location.pathname}${window.location.search}`) {
      return;
    }
    window.history.pushState(null, '', href);
    this.path = url.pathname;
    this.visit += 1;
  }
}

function normalize(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
