#!/usr/bin/env python3
"""Tiny ONNX models for Heldout's testbed tests, built with onnx.helper (no training, fixed seed):

    /usr/bin/python3 tools/zoo/make_test_models.py     # -> test/evaluate/fixtures/*.onnx

  nan-output.onnx      [N,1,28,28] -> [N,10]: 0/0 for every output, so every image yields NaN (the bad-output error)
  linear-dynamic.onnx  [N,1,28,28] -> [N,10]: x.flatten() @ W + b with seeded W, b
  linear-fixed1.onnx   the same weights with the batch dimension fixed to 1 (exported-with-batch-1 models)
  tiny-imagenet.onnx   [N,3,224,224] -> [N,1000]: conv 7x7/4 (8 channels), ReLU, global average pool, linear;
                       random weights; exercises the imagenet-224 and alexnet-10crop presets end to end
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'evaluate', 'fixtures')
OPSET = 13


def save(graph, name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)], producer_name='heldout-test-models')
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))


def fmnist_input(batch):
    return helper.make_tensor_value_info('input', TensorProto.FLOAT, [batch, 1, 28, 28])


def logits(batch, classes=10):
    return helper.make_tensor_value_info('logits', TensorProto.FLOAT, [batch, classes])


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(7)

    nodes = [
        helper.make_node('Flatten', ['input'], ['flat']),
        helper.make_node('Slice', ['flat', 'starts', 'ends', 'axes'], ['ten']),
        helper.make_node('Sub', ['ten', 'ten'], ['zero']),
        helper.make_node('Div', ['zero', 'zero'], ['logits']),
    ]
    inits = [numpy_helper.from_array(np.array([0], np.int64), 'starts'), numpy_helper.from_array(np.array([10], np.int64), 'ends'),
             numpy_helper.from_array(np.array([1], np.int64), 'axes')]
    save(helper.make_graph(nodes, 'nan', [fmnist_input('batch')], [logits('batch')], inits), 'nan-output.onnx')

    w = rng.randn(784, 10).astype(np.float32) * 0.05
    b = rng.randn(10).astype(np.float32)
    for name, batch in (('linear-dynamic.onnx', 'batch'), ('linear-fixed1.onnx', 1)):
        nodes = [helper.make_node('Flatten', ['input'], ['flat']), helper.make_node('Gemm', ['flat', 'W', 'b'], ['logits'])]
        inits = [numpy_helper.from_array(w, 'W'), numpy_helper.from_array(b, 'b')]
        save(helper.make_graph(nodes, 'linear', [fmnist_input(batch)], [logits(batch)], inits), name)

    conv = rng.randn(8, 3, 7, 7).astype(np.float32) * 0.1
    fc = rng.randn(8, 1000).astype(np.float32)
    nodes = [
        helper.make_node('Conv', ['input', 'C'], ['c'], kernel_shape=[7, 7], strides=[4, 4]),
        helper.make_node('Relu', ['c'], ['r']),
        helper.make_node('GlobalAveragePool', ['r'], ['g']),
        helper.make_node('Flatten', ['g'], ['f']),
        helper.make_node('MatMul', ['f', 'F'], ['logits']),
    ]
    inp = helper.make_tensor_value_info('input', TensorProto.FLOAT, ['batch', 3, 224, 224])
    save(helper.make_graph(nodes, 'tiny-imagenet', [inp], [logits('batch', 1000)],
                           [numpy_helper.from_array(conv, 'C'), numpy_helper.from_array(fc, 'F')]), 'tiny-imagenet.onnx')
    print('wrote', os.path.normpath(OUT))


if __name__ == '__main__':
    main()
