import { RouteError } from "../../components/error-state.tsx";

export function Component() {
  return <p>Coming soon.</p>;
}

export const ErrorBoundary = RouteError;
