"""Model → model steps run before any emitter: the Traditional-Chinese variants."""
