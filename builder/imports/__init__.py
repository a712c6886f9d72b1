"""Imports from learning platforms: GIFT and Moodle XML question banks into quizzes/<id>.yaml."""
