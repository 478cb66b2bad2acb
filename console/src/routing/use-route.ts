import { useEffect, useState } from 'preact/hooks';
import { parseHash, type Route } from './route';

/** The route of the location's hash, following it as links and the back button change it. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
