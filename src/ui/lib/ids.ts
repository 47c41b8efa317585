const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a URL segment can be an id at all: anything else is a page that does not exist, not a query to send. */
export function isUuid(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}
