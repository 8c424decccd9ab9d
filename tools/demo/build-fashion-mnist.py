#!/usr/bin/env python3
"""Builds the bundled demo data from Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist).

Writes data/demo/fashion-mnist/:
  t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz  the official 10,000-image test split, unchanged
  pool-images-idx3-ubyte.gz, pool-labels-idx1-ubyte.gz  the first 10,000 training images: future candidates
Only the standard library is used so the script runs on any python3.
"""
import gzip
import os
import shutil
import struct
import sys

SRC = os.environ.get('FASHION_MNIST_DIR', '/usr/share/datasets/fashion-mnist')
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'demo', 'fashion-mnist')
POOL_SIZE = 10_000


def head_idx(src, dst, count):
    data = gzip.open(src).read()
    magic = struct.unpack('>I', data[:4])[0]
    ndim = magic & 0xFF
    dims = list(struct.unpack('>' + 'I' * ndim, data[4:4 + 4 * ndim]))
    per_item = 1
    for d in dims[1:]:
        per_item *= d
    header = 4 + 4 * ndim
    dims[0] = count
    body = data[header:header + count * per_item]
    # mtime=0 keeps the output byte-identical across rebuilds.
    with open(dst, 'wb') as raw, gzip.GzipFile(fileobj=raw, mode='wb', compresslevel=9, mtime=0) as f:
        f.write(struct.pack('>I', magic) + struct.pack('>' + 'I' * ndim, *dims) + body)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in ('t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'):
        shutil.copyfile(os.path.join(SRC, name), os.path.join(OUT, name))
    head_idx(os.path.join(SRC, 'train-images-idx3-ubyte.gz'), os.path.join(OUT, 'pool-images-idx3-ubyte.gz'), POOL_SIZE)
    head_idx(os.path.join(SRC, 'train-labels-idx1-ubyte.gz'), os.path.join(OUT, 'pool-labels-idx1-ubyte.gz'), POOL_SIZE)
    print('wrote', OUT, file=sys.stderr)


if __name__ == '__main__':
    main()
