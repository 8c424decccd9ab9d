import { describe, expect, it } from 'vitest';
import { indexedClassFolders } from '../../../src/formats/dataset/class-folders.js';
import { compareNames, extensionOf, isHiddenName, isImageFileName } from '../../../src/formats/dataset/image-names.js';
import { imagefolderPaths, imagenetv2Paths, flatImagePaths, UniquePaths } from '../../../src/formats/dataset/export-paths.js';

describe('indexedClassFolders', () => {
  it('sorts numerically and uses the number itself as the class index, unlike a string sort', () => {
    const folders = ['10', '2', '0', '1', '100', '11'];
    expect([...folders].sort()).toEqual(['0', '1', '10', '100', '11', '2']); // what torchvision's ImageFolder ranks
    expect(indexedClassFolders(folders, '/d')).toEqual([
      { folder: '0', index: 0 }, { folder: '1', index: 1 }, { folder: '2', index: 2 },
      { folder: '10', index: 10 }, { folder: '11', index: 11 }, { folder: '100', index: 100 },
    ]);
  });

  it('rejects non-numeric folders (with a hint for wnids) and two spellings of one index', () => {
    expect(() => indexedClassFolders(['0', 'cats'], '/d')).toThrow('/d/cats: class folder "cats" is not a class index');
    expect(() => indexedClassFolders(['n01440764'], '/d')).toThrow('(it looks like a wnid: use the imagefolder layout)');
    expect(() => indexedClassFolders(['7', '07'], '/d')).toThrow('/d: class folders "7" and "07" both stand for class index 7');
  });
});

describe('image names', () => {
  it('recognises image extensions in any case and hidden files', () => {
    expect(['a.JPEG', 'b.jpg', 'c.Png', 'd.webp', 'e.tif', 'f.gif', 'g.avif'].every(isImageFileName)).toBe(true);
    expect(['a.txt', 'b', '.jpg', 'c.bmp', 'labels.csv'].some(isImageFileName)).toBe(false);
    expect(isHiddenName('.DS_Store')).toBe(true);
    expect(extensionOf('dir.v2/file')).toBe('');
  });

  it('sorts by code unit, independent of locale', () => {
    expect(['b', 'B', 'a', '_', 'A10', 'A2'].sort(compareNames)).toEqual(['A10', 'A2', 'B', '_', 'a', 'b']);
  });
});

describe('export paths', () => {
  const item = (name: string, wnid: string, sha: string, format = 'jpeg') => ({ name, wnid, sha256: sha.repeat(64), format });

  it('imagefolder keeps base names, adds an extension when missing and disambiguates clashes case-insensitively', () => {
    const items = [item('n1/a.jpg', 'n01440764', 'a'), item('n2/a.jpg', 'n01440764', 'b'), item('n1/A.JPG', 'n01440764', 'c'), item('00007', 'n01443537', 'd', 'png')];
    expect(imagefolderPaths(items).map((f) => f.path)).toEqual(['n01440764/a.jpg', 'n01440764/a-2.jpg', 'n01440764/A-3.JPG', 'n01443537/00007.png']);
  });

  it('imagenetv2 names files by sha256 under the sorted index, keeping repeated images as separate files', () => {
    const items = [item('x.jpg', 'n1', 'a'), item('y.jpg', 'n1', 'a', 'jpeg')];
    expect(imagenetv2Paths(items, () => 10).map((f) => f.path)).toEqual([`10/${'a'.repeat(64)}.jpeg`, `10/${'a'.repeat(64)}-2.jpeg`]);
  });

  it('flat paths share one folder', () => {
    expect(flatImagePaths([item('n1/a.png', 'n1', 'a'), item('n2/a.png', 'n2', 'b')]).map((f) => f.path)).toEqual(['images/a.png', 'images/a-2.png']);
    const u = new UniquePaths();
    expect([u.claim('', 'noext'), u.claim('', 'noext')]).toEqual(['noext', 'noext-2']);
  });
});
