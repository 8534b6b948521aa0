import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import { fileSelectionCodec, NO_FILE } from '../../../../dashboard/src/pages/data/file-selection.codec.js';

describe('fileSelectionCodec', () => {
  describe('parse', () => {
    it('should read the file path exactly as given', () => {
      const sut = fileSelectionCodec.parse(new URLSearchParams({ file: '/data/My Export/tickets.csv' }));

      expect(sut).toEqual({ file: '/data/My Export/tickets.csv', run: null });
    });

    it('should read the run with the file', () => {
      expect(fileSelectionCodec.parse(new URLSearchParams('file=a.csv&run=r-1'))).toEqual({
        file: 'a.csv',
        run: 'r-1',
      });
    });

    it.each(['', 'run=r-1', 'file=&run=r-1'])('should select no file from %j', (search) => {
      expect(fileSelectionCodec.parse(new URLSearchParams(search))).toEqual(NO_FILE);
    });
  });

  describe('write', () => {
    it('should write only the file when no run is needed, keeping other parameters', () => {
      const sut = writeSearch('?other=1&run=old', fileSelectionCodec, { file: '/a/b c.csv', run: null });

      expect(sut).toBe('?other=1&file=%2Fa%2Fb+c.csv');
    });

    it('should write the run when there is one', () => {
      expect(writeSearch('', fileSelectionCodec, { file: 'a.csv', run: 'r-1' })).toBe('?file=a.csv&run=r-1');
    });

    it('should remove both parameters for no file', () => {
      expect(writeSearch('?file=a.csv&run=r-1', fileSelectionCodec, NO_FILE)).toBe('');
    });

    it('should read back what it wrote', () => {
      const value = { file: '/data/ü & ?.csv', run: 'r-1' };

      expect(
        fileSelectionCodec.parse(new URLSearchParams(writeSearch('', fileSelectionCodec, value))),
      ).toEqual(value);
    });
  });
});
