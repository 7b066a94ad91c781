import { Global, Module } from '@nestjs/common';
import { VariantWriter } from './variant-writer.js';

/**
 * The variant writer, global: segments, footnotes, imports, collaboration and the demo seeder write
 * through it, and history (later review and QA) listens to its "variants changed" event.
 */
@Global()
@Module({ providers: [VariantWriter], exports: [VariantWriter] })
export class VariantsModule {}
