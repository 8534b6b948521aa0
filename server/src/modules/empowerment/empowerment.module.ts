import { Module } from '@nestjs/common';
import { EmpowermentController } from './empowerment.controller.js';

@Module({ controllers: [EmpowermentController] })
export class EmpowermentModule {}
