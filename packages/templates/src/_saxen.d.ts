// Types for the parts of saxen (which ships none) that this package uses.
declare module "saxen" {
  export interface SaxenContext {
    readonly line: number;
    readonly column: number;
    readonly data: string;
  }
  export type ContextGetter = () => SaxenContext;
  export type EntityDecoder = (text: string) => string;
  export class Parser {
    constructor(options?: { proxy?: boolean });
    ns(map?: Record<string, string>): this;
    on(
      event: "openTag",
      cb: (
        name: string,
        attrs: () => Record<string, string>,
        decode: EntityDecoder,
        selfClosing: boolean,
        context: ContextGetter,
      ) => void,
    ): this;
    on(event: "closeTag", cb: (name: string, decode: EntityDecoder, selfClosing: boolean, context: ContextGetter) => void): this;
    on(event: "text", cb: (text: string, decode: EntityDecoder, context: ContextGetter) => void): this;
    on(event: "cdata", cb: (text: string, context: ContextGetter) => void): this;
    on(event: "comment", cb: (text: string, decode: EntityDecoder, context: ContextGetter) => void): this;
    on(event: "question", cb: (text: string, context: ContextGetter) => void): this;
    on(event: "error" | "warn", cb: (error: Error, context: ContextGetter) => void): this;
    parse(xml: string): Error | null;
    write(xml: string): this;
    end(): Error | null;
    stop(): void;
  }
}
