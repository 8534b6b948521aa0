/** The error of type `type` that `work` rejects with; fails when it resolves or rejects with another. */
export async function rejectionOf<E extends Error>(
  work: () => Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await work();
  } catch (error) {
    if (error instanceof type) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
