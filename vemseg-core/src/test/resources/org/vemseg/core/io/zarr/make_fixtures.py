"""Regenerates the Blosc and Zarr test fixtures with zarr-python / numcodecs (Debian python3-zarr).

Run from this folder: /usr/bin/python3 make_fixtures.py
The Java tests recompute the same data (see ZarrFixtures.java) and compare.
"""
import json
import os
import shutil

import numpy as np
import numcodecs
import zarr


def pattern_bytes():
    """70000 bytes (several Blosc blocks): uint16 little-endian a[i] = (i*7 + (i//100)*13) % 4099."""
    i = np.arange(35000, dtype=np.int64)
    return ((i * 7 + (i // 100) * 13) % 4099).astype('<u2').tobytes()


def volume(shape, dtype):
    """v[z,y,x] = (z*1000 + y*37 + x*11) % 251 - 100 (as the dtype)."""
    z, y, x = np.indices(shape)
    return ((z * 1000 + y * 37 + x * 11) % 251 - 100).astype(dtype)


os.makedirs('blosc', exist_ok=True)
raw = pattern_bytes()
manifest = []
from numcodecs import blosc
for typesize, dtype in [(1, '|u1'), (2, '<u2'), (4, '<u4')]:
    arr = np.frombuffer(raw, dtype=dtype)
    for cname in ['blosclz', 'lz4', 'lz4hc', 'zlib', 'zstd']:
        for shuffle in [0, 1, 2]:
            if typesize != 2 and shuffle == 0 or shuffle == 2 and cname not in ('lz4', 'zstd'):
                continue
            # a 16 kB block size asks for several blocks (c-blosc raises it to 64 kB for blosclz and lz4)
            name = f'{cname}-t{typesize}-s{shuffle}.blosc'
            data = blosc.compress(arr, cname.encode(), 5, shuffle, 16384)
            if blosc.cbuffer_sizes(data)[1] > len(raw):
                continue  # stored uncompressed: noise.blosc covers that case
            open(os.path.join('blosc', name), 'wb').write(data)
            manifest.append(name)
# a single-block bit-shuffled frame and incompressible data (stored memcpyed)
open('blosc/bitshuffle.blosc', 'wb').write(
    numcodecs.Blosc(cname='zstd', clevel=5, shuffle=2).encode(np.frombuffer(raw, dtype='<u2')))
rng = np.random.default_rng(5)
noise = rng.integers(0, 256, 4000, dtype=np.uint8)
open('blosc/noise.bin', 'wb').write(noise.tobytes())
open('blosc/noise.blosc', 'wb').write(numcodecs.Blosc(cname='lz4', clevel=5, shuffle=1).encode(noise))
json.dump(manifest, open('blosc/manifest.json', 'w'), indent=1)

# Zarr arrays with the compressors, dtypes, layouts vemseg reads
if os.path.exists('arrays'):
    shutil.rmtree('arrays')
os.makedirs('arrays')
shape, chunks = (3, 20, 30), (2, 8, 16)
cases = {
    'zlib-i2-be': dict(dtype='>i2', compressor=numcodecs.Zlib(level=3)),
    'gzip-u2': dict(dtype='<u2', compressor=numcodecs.GZip(level=3)),
    'zstd-f4-nested': dict(dtype='<f4', compressor=numcodecs.Zstd(level=3), dimension_separator='/'),
    'raw-u1': dict(dtype='|u1', compressor=None),
    'blosclz-i4': dict(dtype='<i4', compressor=numcodecs.Blosc(cname='blosclz', shuffle=1)),
    'lz4-f8': dict(dtype='<f8', compressor=numcodecs.Blosc(cname='lz4', shuffle=1)),
}
for name, kw in cases.items():
    z = zarr.open(f'arrays/{name}', mode='w', shape=shape, chunks=chunks, **kw)
    z[:] = volume(shape, kw['dtype'])
# a missing chunk with a fill value: only the first chunk is written
z = zarr.open('arrays/fill-u2', mode='w', shape=shape, chunks=chunks, dtype='<u2', fill_value=77,
              compressor=numcodecs.Zlib())
z[0:2, 0:8, 0:16] = volume(shape, '<u2')[0:2, 0:8, 0:16]
# 2D and 5D (t = c = 1) arrays
z = zarr.open('arrays/plane-2d', mode='w', shape=(20, 30), chunks=(8, 16), dtype='<u2')
z[:] = volume((1, 20, 30), '<u2')[0]
z = zarr.open('arrays/tczyx-5d', mode='w', shape=(1, 1) + shape, chunks=(1, 1) + chunks, dtype='<u2')
z[:] = volume(shape, '<u2')[None, None]
z = zarr.open('arrays/two-channels', mode='w', shape=(2,) + shape, chunks=(1,) + chunks, dtype='<u2')
z = zarr.open('arrays/fortran', mode='w', shape=shape, chunks=chunks, dtype='<u2', order='F')
z = zarr.open('arrays/bitshuffle-u2', mode='w', shape=shape, chunks=chunks, dtype='<u2',
              compressor=numcodecs.Blosc(cname='zstd', shuffle=2))
z[:] = volume(shape, '<u2')
print('ok', len(manifest), 'blosc frames')

# an OME-Zarr 0.4 image with t, c axes and micrometre units, two levels
g = zarr.open_group('arrays/ome-tczyx-um.ome.zarr', mode='w')
g.create_dataset('s0', data=volume(shape, '<u2')[None, None], chunks=(1, 1) + chunks)
g.create_dataset('s1', data=volume(shape, '<u2')[None, None, :, ::2, ::2], chunks=(1, 1) + chunks)
axes = [dict(name='t', type='time', unit='second'), dict(name='c', type='channel')] + [
    dict(name=a, type='space', unit='micrometer') for a in 'zyx']
g.attrs['multiscales'] = [dict(version='0.4', name='um', axes=axes, datasets=[
    dict(path='s0', coordinateTransformations=[dict(type='scale', scale=[1, 1, 0.05, 0.004, 0.004])]),
    dict(path='s1', coordinateTransformations=[dict(type='scale', scale=[1, 1, 0.05, 0.008, 0.008])])])]
print('ome ok')
