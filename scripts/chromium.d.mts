export declare const CHROMIUM_ARGS: string[];
export interface ResolvedChromium {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'system' | 'packaged';
  description: string;
}
export declare function resolveChromium(env?: NodeJS.ProcessEnv): ResolvedChromium;
