/** Anything that holds a resource or a subscription returns one of these. */
export interface Disposable {
  dispose(): void
}

/** Disposes many in reverse order of adding; safe to call twice. */
export class DisposableStore implements Disposable {
  private items: Disposable[] = []
  add<T extends Disposable>(item: T): T {
    this.items.push(item)
    return item
  }
  dispose(): void {
    const items = this.items.reverse()
    this.items = []
    for (const item of items) item.dispose()
  }
}
