import { nameSkeleton, skeletonNameKey } from './name-key.js';

describe('name keys across scripts', () => {
  it('gives Бухарин, Bukharin and Bucharin one key, inflected forms included', () => {
    const keys = ['Бухарин', 'Бухарина', 'Бухариным', 'Bukharin', "Bukharin's", 'Bucharin', 'Bucharins'].map((w) => skeletonNameKey(w, 'xx'));
    expect(new Set(keys).size).toBe(1);
  });

  it('meets German and English transcriptions of the same Russian name', () => {
    expect(skeletonNameKey('Зиновьев', 'ru')).toBe(skeletonNameKey('Zinoviev', 'en'));
    expect(skeletonNameKey('Sinowjew', 'de')).toBe(skeletonNameKey('Zinoviev', 'en'));
    expect(skeletonNameKey('Чичерин', 'ru')).toBe(skeletonNameKey('Tschitscherin', 'de'));
    expect(skeletonNameKey('Ельцин', 'ru')).toBe(skeletonNameKey('Yeltsin', 'en'));
    expect(skeletonNameKey('Иона', 'ru')).toBe(skeletonNameKey('Jonah', 'en'));
  });

  it('tells different names apart and gives no key to words too short to tell', () => {
    expect(skeletonNameKey('Бухарин', 'ru')).not.toBe(skeletonNameKey('Rykov', 'en'));
    expect(skeletonNameKey('Io', 'en')).toBeNull();
    expect(nameSkeleton('Schljapnikow')).toBe(nameSkeleton('Шляпников'));
  });
});
