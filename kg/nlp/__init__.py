"""NLP stage: segmentation (spaCy + jieba) and entity recognition."""
