import { type UseMutationOptions, useMutation } from "@tanstack/react-query";
import { useRef } from "react";

/**
 * `useMutation` for a button or form that must create one record per intent: `submit` is ignored while
 * a call is in flight. The mutation's pending state reaches React a tick late, so a double click or a
 * double Enter would get past a `disabled` button; a ref closes that gap. Released once the call has
 * settled (after `onSuccess` has run), so a reopened form can submit again.
 */
export function useSingleSubmit<TData, TVariables = void>(options: UseMutationOptions<TData, Error, TVariables>) {
  const inFlight = useRef(false);
  // Released in the mutation's own onSettled, not mutate()'s: those are dropped when the caller
  // resets the mutation in its onSuccess (as a dialog does to clear itself), which would lock it.
  const mutation = useMutation({
    ...options,
    onSettled: (...args) => {
      inFlight.current = false;
      return options.onSettled?.(...args);
    },
  });
  const submit = (variables: TVariables) => {
    if (inFlight.current) return;
    inFlight.current = true;
    mutation.mutate(variables);
  };
  return { ...mutation, submit };
}
