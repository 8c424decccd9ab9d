#!/usr/bin/env python3
"""Reference tensors for Heldout's preprocessing presets, made with Pillow + torchvision (Debian's python3-torchvision).

    /usr/bin/python3 tools/reference/make_preset_tensors.py

Writes test/fixtures/presets/:
  images/<name>.<ext>                 small test images generated here with a fixed seed (photo-like gradients, shapes, noise)
  <image>__<preset>.u8.npy.gz         the preset's 8-bit views as torchvision has them just before ToTensor: (views, H, W, C) uint8
  <image>__<preset>.f32.npy.gz        (some cases) the final model input as torchvision computes it: (views, C, H, W) float32
  <image>__alexnet-10crop.base.npy.gz the 256x256 image TenCrop cuts from, (256, 256, 3) uint8; the ten views themselves
                                      are recorded in manifest.json by sha256 of their bytes (10 x 224x224x3 would be ~1.5 MB)
  manifest.json                       every case with its shapes and the library versions used
test/evaluate/presets.test.ts decodes the same image files with sharp, runs each preset and compares.

Each preset is written here with torchvision's own transforms, independently of Heldout's TypeScript; images are
opened the way torchvision's ImageFolder does (PIL.Image.open(...).convert('RGB'); 'L' for the grayscale preset).
"""
import gzip
import hashlib
import io
import json
import os

import numpy as np
import PIL
from PIL import Image, ImageDraw, ImageFilter
import torch
import torchvision
from torchvision import transforms as T

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'fixtures', 'presets')
IMAGENET = dict(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
BILINEAR = T.InterpolationMode.BILINEAR


def photo_like(width, height, seed):
    """A deterministic 'photo': smooth gradients, a few blurred shapes and sensor-like noise."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    base = np.stack([
        120 + 80 * np.sin(x / width * 3.1 + seed) * np.cos(y / height * 2.3),
        110 + 70 * np.cos(x / width * 2.2 - y / height * 1.7 + seed),
        100 + 90 * (y / height) - 40 * (x / width),
    ], axis=-1)
    img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), 'RGB')
    draw = ImageDraw.Draw(img)
    for _ in range(6):
        x0, y0 = rng.randint(0, width), rng.randint(0, height)
        x1, y1 = x0 + rng.randint(4, max(5, width // 2)), y0 + rng.randint(4, max(5, height // 2))
        colour = tuple(int(c) for c in rng.randint(0, 256, 3))
        (draw.ellipse if rng.rand() < 0.5 else draw.rectangle)([x0, y0, x1, y1], fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    noisy = np.asarray(img).astype(np.int16) + rng.randint(-3, 4, (height, width, 3))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), 'RGB')


def make_images():
    """name -> (file bytes, extension). Sizes exercise upsampling, downsampling, odd sizes (.5 centre-crop offsets),
    portrait and landscape, alpha and grayscale."""
    images = {}

    def save(name, img, fmt, ext, **kw):
        buf = io.BytesIO()
        img.save(buf, fmt, **kw)
        images[name] = (buf.getvalue(), ext)

    save('photo-500x375', photo_like(500, 375, 1), 'JPEG', 'jpg', quality=90)   # the bench's photo size: downsampling
    save('photo-75x101', photo_like(75, 101, 2), 'JPEG', 'jpg', quality=85)     # portrait, odd, upsampling, 4:2:0 chroma
    save('photo-333x257', photo_like(333, 257, 3), 'PNG', 'png')                 # lossless, odd width: centre .5 offsets
    rgba = photo_like(61, 47, 4).convert('RGBA')
    rgba.putalpha(Image.linear_gradient('L').resize((61, 47)))
    save('rgba-61x47', rgba, 'PNG', 'png')                                       # alpha is dropped, not composited
    save('gray-40x30', photo_like(40, 30, 5).convert('L'), 'PNG', 'png')         # gray -> RGB replicates, -> L resize
    save('fmnist-28x28', photo_like(28, 28, 6).convert('L'), 'PNG', 'png')       # the demo's own format: identity
    return images


def presets():
    """torchvision pipelines: (PIL-level transform giving a list of views, normalisation, mode)."""
    return {
        'imagenet-224': (T.Compose([T.Resize(256, BILINEAR), T.CenterCrop(224)]), IMAGENET, 'RGB'),
        'inception-299': (T.Compose([T.Resize(342, BILINEAR), T.CenterCrop(299)]), dict(mean=[0.5] * 3, std=[0.5] * 3), 'RGB'),
        'alexnet-10crop': (T.Compose([T.Resize(256, BILINEAR), T.CenterCrop(256), T.TenCrop(224)]), IMAGENET, 'RGB'),
        'fmnist-28': (T.Compose([T.Grayscale(1), T.Resize((28, 28), BILINEAR)]), dict(mean=[0.286], std=[0.353]), 'L'),
    }


# (image, preset) pairs whose full float32 tensors are committed (the rest: 8-bit views only, to keep fixtures small).
FLOAT_CASES = {('photo-500x375', 'imagenet-224'), ('photo-333x257', 'inception-299'), ('gray-40x30', 'fmnist-28'),
               ('fmnist-28x28', 'fmnist-28')}
# Which images each preset is checked on (every image would make the fixtures several MB).
CASES = {
    'imagenet-224': ['photo-500x375', 'photo-75x101', 'rgba-61x47', 'gray-40x30'],
    'inception-299': ['photo-333x257', 'fmnist-28x28'],
    'alexnet-10crop': ['photo-333x257', 'photo-75x101'],
    'fmnist-28': ['photo-500x375', 'photo-75x101', 'photo-333x257', 'rgba-61x47', 'gray-40x30', 'fmnist-28x28'],
}


def write_npy_gz(path, array):
    buf = io.BytesIO()
    np.save(buf, array)
    with open(path, 'wb') as raw, gzip.GzipFile(fileobj=raw, mode='wb', compresslevel=9, mtime=0) as f:
        f.write(buf.getvalue())


def main():
    os.makedirs(os.path.join(OUT, 'images'), exist_ok=True)
    cases = []
    for name, (data, ext) in make_images().items():
        file = f'images/{name}.{ext}'
        with open(os.path.join(OUT, file), 'wb') as f:
            f.write(data)
        for preset, (views_of, norm, mode) in presets().items():
            if name not in CASES[preset]:
                continue
            img = Image.open(os.path.join(OUT, file)).convert(mode)
            views = views_of(img)
            views = list(views) if isinstance(views, (tuple, list)) else [views]
            u8 = np.stack([np.asarray(v, dtype=np.uint8).reshape(v.size[1], v.size[0], len(v.getbands())) for v in views])
            stem = f'{name}__{preset}'
            case = {'image': file, 'preset': preset, 'u8Shape': list(u8.shape)}
            if preset == 'alexnet-10crop':
                base = np.asarray(T.Compose([T.Resize(256, BILINEAR), T.CenterCrop(256)])(img), dtype=np.uint8)
                write_npy_gz(os.path.join(OUT, stem + '.base.npy.gz'), base)
                case.update(base=stem + '.base.npy.gz', viewSha256=[hashlib.sha256(v.tobytes()).hexdigest() for v in u8])
            else:
                write_npy_gz(os.path.join(OUT, stem + '.u8.npy.gz'), u8)
                case.update(u8=stem + '.u8.npy.gz')
            if (name, preset) in FLOAT_CASES:
                normalize = T.Normalize(**norm)
                f32 = torch.stack([normalize(T.ToTensor()(v)) for v in views]).numpy().astype(np.float32)
                write_npy_gz(os.path.join(OUT, stem + '.f32.npy.gz'), f32)
                case.update(f32=stem + '.f32.npy.gz', f32Shape=list(f32.shape))
            cases.append(case)
    manifest = {
        'generatedBy': 'tools/reference/make_preset_tensors.py',
        'versions': {'pillow': PIL.__version__, 'torch': torch.__version__, 'torchvision': torchvision.__version__, 'numpy': np.__version__},
        'cases': cases,
    }
    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=2)
        f.write('\n')
    print(f'wrote {len(cases)} cases to {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()
