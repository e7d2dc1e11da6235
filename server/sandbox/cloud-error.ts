/** A refusal of the simulated cloud, with the HTTP status its routes answer it with. */
export class CloudError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 503,
    message: string,
  ) {
    super(message);
  }
}
