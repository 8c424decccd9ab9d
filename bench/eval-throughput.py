#!/usr/bin/env python3
"""PyTorch side of bench/eval-throughput.mjs (Debian's /usr/bin/python3 with python3-torch + python3-torchvision).

    /usr/bin/python3 bench/eval-throughput.py images DIR [--n 2000]          # photo-like 500x375 JPEGs, fixed seed
    /usr/bin/python3 bench/eval-throughput.py torch DIR --threads 2 --workers 1 [--batch 64]

`torch` runs the standard ImageNet evaluation loop over DIR/*.jpg: a DataLoader with `--workers` processes doing
PIL decode + torchvision Resize(256) / CenterCrop(224) / ToTensor / Normalize, and torchvision's ResNet-18 (random
weights from seed 0, the same initialisation tools/zoo/train_zoo.py --resnet18 exports) in eval mode under
torch.no_grad() with torch.set_num_threads(--threads). Prints one JSON line: images, seconds, CPU seconds (this process and the
DataLoader's worker processes), images_per_s.
"""
import argparse
import importlib.util
import json
import os
import time


def make_images(out, n):
    """n JPEGs (quality 90, 500x375, some 375x500) from the reference script's photo_like generator, seeds 1000+i."""
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location('ref', os.path.join(here, '..', 'tools', 'reference', 'make_preset_tensors.py'))
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        w, h = (375, 500) if i % 5 == 4 else (500, 375)
        ref.photo_like(w, h, 1000 + i).save(os.path.join(out, f'img{i:05d}.jpg'), 'JPEG', quality=90)


def run_torch(folder, threads, workers, batch):
    import torch
    import torchvision
    from PIL import Image
    from torchvision import transforms as T

    torch.set_num_threads(threads)
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith('.jpg'))
    tf = T.Compose([T.Resize(256, T.InterpolationMode.BILINEAR), T.CenterCrop(224), T.ToTensor(),
                    T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])

    class Files(torch.utils.data.Dataset):
        def __len__(self):
            return len(files)

        def __getitem__(self, i):
            with open(files[i], 'rb') as f:
                return tf(Image.open(f).convert('RGB'))

    torch.manual_seed(0)
    model = torchvision.models.resnet18(num_classes=1000).eval()
    loader = torch.utils.data.DataLoader(Files(), batch_size=batch, num_workers=workers, shuffle=False)
    top5 = []
    cpu0 = cpu_seconds()
    start = time.perf_counter()
    with torch.no_grad():
        for x in loader:
            top5.append(model(x).topk(5, dim=1).indices)
    seconds = time.perf_counter() - start
    del loader  # joins the DataLoader's worker processes, so their CPU time is counted below
    cpu = cpu_seconds() - cpu0
    n = sum(t.shape[0] for t in top5)
    print(json.dumps({'images': n, 'seconds': seconds, 'cpu_seconds': cpu, 'images_per_s': n / seconds, 'torch': torch.__version__}))


def cpu_seconds():
    """User + system CPU time of this process and its reaped children (the DataLoader workers)."""
    import resource
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('what', choices=['images', 'torch'])
    ap.add_argument('dir')
    ap.add_argument('--n', type=int, default=2000)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--workers', type=int, default=1)
    ap.add_argument('--batch', type=int, default=64)
    a = ap.parse_args()
    if a.what == 'images':
        make_images(a.dir, a.n)
    else:
        run_torch(a.dir, a.threads, a.workers, a.batch)


if __name__ == '__main__':
    main()
