/**
 * The adapter runtime: a BERT-family encoder on DJL's PyTorch engine into which LoRA and
 * bottleneck adapters and prediction heads are stitched, adapter training, and the import
 * of the bundled ONNX base models into the Hugging Face layout. The only module that uses
 * DJL's PyTorch engine.
 */
package dev.plugboard.runtime;
