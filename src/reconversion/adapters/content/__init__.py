"""Le contenu livré (guide, métiers, test d'intérêts) et son cache inerte."""
