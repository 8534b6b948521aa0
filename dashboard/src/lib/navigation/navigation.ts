import { createContext } from 'svelte';

/** What a page needs of the router to follow an in-app link without reloading. */
export interface Navigator {
  follow(event: MouseEvent, href: string): void;
  navigate(href: string): void;
}

const [getNavigator, setNavigator, hasNavigator] = createContext<Navigator>();

export { setNavigator };

/** The app's navigator, or null outside the app (a link then simply loads its page). */
export function findNavigator(): Navigator | null {
  return hasNavigator() ? getNavigator() : null;
}

/** The Case page of a ticket: `/case?id=<ticket id>`. */
export function caseHref(ticketId: string): string {
  return `/case?${new URLSearchParams({ id: ticketId })}`;
}
