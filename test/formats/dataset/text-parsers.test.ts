import { describe, expect, it } from 'vitest';
import { textLines } from '../../../src/formats/dataset/text-lines.js';
import { parseGroundTruth } from '../../../src/formats/dataset/ilsvrc-ground-truth.js';
import { parseLabelsCsv, formatLabelsCsv } from '../../../src/formats/dataset/labels-csv.js';
import { parseIdxClassMap } from '../../../src/formats/dataset/idx-class-map.js';

describe('textLines', () => {
  it('strips a BOM, splits CRLF and LF, drops only the empty line after a final newline', () => {
    expect(textLines('\uFEFFa\r\nb\n\nc\n')).toEqual([{ line: 1, text: 'a' }, { line: 2, text: 'b' }, { line: 3, text: '' }, { line: 4, text: 'c' }]);
    expect(textLines('x')).toEqual([{ line: 1, text: 'x' }]);
    expect(textLines('')).toEqual([]);
  });
});

describe('parseGroundTruth', () => {
  it('reads one devkit ID per line, tolerating BOM, CRLF and spaces', () => {
    expect(parseGroundTruth('\uFEFF490\r\n361 \r\n171\r\n', 'gt.txt')).toEqual([490, 361, 171]);
  });

  it('names file and line of a non-numeric or blank line', () => {
    expect(() => parseGroundTruth('1\n2\nn01440764\n', 'gt.txt')).toThrow('gt.txt:3: "n01440764" is not a devkit class ID');
    expect(() => parseGroundTruth('1\n\n2\n', 'gt.txt')).toThrow('gt.txt:2: empty line is not a devkit class ID');
    expect(() => parseGroundTruth('1.5\n', 'gt.txt')).toThrow('gt.txt:1:');
  });
});

describe('parseLabelsCsv', () => {
  it('reads image,label rows with line numbers; BOM, CRLF, quotes, extra columns and column order are fine', () => {
    const text = '\uFEFFlabel,image,note\r\nn01440764,a.jpg,x\r\n\r\n2,"sub/b,c.png",y\r\n';
    expect(parseLabelsCsv(text, 'l.csv')).toEqual([
      { image: 'a.jpg', label: 'n01440764', line: 2 },
      { image: 'sub/b,c.png', label: '2', line: 4 },
    ]);
  });

  it('rejects a missing header column, duplicate images, empty cells, paths leaving the folder and ragged rows', () => {
    expect(() => parseLabelsCsv('file,label\na.jpg,1\n', 'l.csv')).toThrow('l.csv:1: header must name the columns image and label');
    expect(() => parseLabelsCsv('image,label\na.jpg,1\nb.jpg,2\na.jpg,3\n', 'l.csv')).toThrow('l.csv:4: image a.jpg is already labelled on line 2');
    expect(() => parseLabelsCsv('image,label\na.jpg,\n', 'l.csv')).toThrow('l.csv:2: label: empty label');
    expect(() => parseLabelsCsv('image,label\n../a.jpg,1\n', 'l.csv')).toThrow('l.csv:2: image: image must be a path inside the image folder');
    expect(() => parseLabelsCsv('image,label\na.jpg,1,extra\n', 'l.csv')).toThrow(/^l\.csv:2: not a valid CSV file/);
  });

  it('writes what it reads', () => {
    const rows = [{ image: 'a,1.jpg', label: 'n01440764' }, { image: 'b.png', label: '7' }];
    const text = formatLabelsCsv(rows);
    expect(text.startsWith('image,label\n')).toBe(true);
    expect(parseLabelsCsv(text, 'x').map(({ image, label }) => ({ image, label }))).toEqual(rows);
  });
});

describe('parseIdxClassMap', () => {
  it('reads header-less "value wnid" lines and tables with a wnid and a label column', () => {
    expect(parseIdxClassMap('0 n04489008\r\n1\tn03595614\n', 'm')).toEqual([
      { value: 0, wnid: 'n04489008', line: 1 }, { value: 1, wnid: 'n03595614', line: 2 },
    ]);
    const table = 'wnid\tdevkit_id\tfashion_mnist_label\tname\nn03595614\t1\t0\tT-shirt/top\nn02872752\t10\t9\tAnkle boot\n';
    expect(parseIdxClassMap(table, 'm').map((e) => [e.value, e.wnid])).toEqual([[0, 'n03595614'], [9, 'n02872752']]);
  });

  it('names file and line of bad values, bad wnids and repeated values', () => {
    expect(() => parseIdxClassMap('0 n04489008\nx n03595614\n', 'm')).toThrow('m:2: "x" is not an IDX label value');
    expect(() => parseIdxClassMap('0 n04489008\n1 dog\n', 'm')).toThrow('m:2: "dog" is not a WordNet id');
    expect(() => parseIdxClassMap('0 n04489008\n0 n03595614\n', 'm')).toThrow('m:2: label value 0 is mapped twice');
    expect(() => parseIdxClassMap('name,wnid\n', 'm')).toThrow('m:1: class-map header needs a wnid column and a label column');
  });
});
