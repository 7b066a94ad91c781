import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [UsersModule, ProjectsModule, ImportsModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
