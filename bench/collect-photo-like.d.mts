/** Types of collect-photo-like.mjs, so TypeScript tests can share the generator with the benchmark. */
export declare function mulberry32(seed: number): () => number;
export declare function photoLikePixels(seed: number, width?: number, height?: number): Buffer;
export declare function photoLikeJpeg(seed: number, options?: { width?: number; height?: number; quality?: number }): Promise<Buffer>;
export type TransformName = 'reencoded' | 'resized' | 'cropped' | 'brightened' | 'mirrored';
export declare const TRANSFORMS: Readonly<Record<TransformName, { readonly description: string; apply(img: Buffer): Promise<Buffer> }>>;
